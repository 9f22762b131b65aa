{#-
    What costs points (SPEC §8): one row per (score_date, scheme, shop_id, metric) for scored shops
    (every metric row of fct_shop_metric_daily). contribution = the metric's share of the total
    (weight_share of int_shop_metric_weight_shares_computed, the same shares the total is summed
    from) x metric_score, so a shop's contributions add up to its total (the total is that sum
    rounded to 9 decimals); points_lost = the same share x (scale_hi - metric_score), so they add up
    to scale_hi - total. A metric without a score (NULL ranking value) is left out of the total: its
    share, contribution and points_lost are 0 (so the 7-day changes, too, add up to the total's).
    contribution_change_7d = contribution on D minus contribution on D - 7 (NULL when either row is
    missing: D - 7 not built, or the shop not scored then). D - 7 before this run's first date is read
    from this mart's own history (SPEC §11), so building dates in several runs gives the same rows as
    one run over all of them.
-#}
with

metric_shares as (

    select * from {{ ref('int_shop_metric_weight_shares_computed') }}

),

scheme_settings as (

    select * from {{ ref('scheme_settings') }}

),

contributions as (

    select
        metric_shares.score_date,
        metric_shares.scheme,
        metric_shares.shop_id,
        metric_shares.metric,
        metric_shares.dimension,
        metric_shares.metric_score,
        -- A metric without a score takes no part in the total: share, contribution and loss 0.
        coalesce(metric_shares.weight_share, 0) as weight_share,
        coalesce(metric_shares.weight_share * metric_shares.metric_score, 0) as contribution,
        coalesce(
            metric_shares.weight_share * (scheme_settings.scale_hi - metric_shares.metric_score), 0
        ) as points_lost,
    from metric_shares
    inner join scheme_settings
        on scheme_settings.scheme = metric_shares.scheme

),

week_before_candidates as (

    -- This run's contributions, and the ones built before this run's first date (incremental runs).
    select
        score_date,
        scheme,
        shop_id,
        metric,
        contribution,
    from contributions
    {%- if is_incremental() %}
    union all
    select
        score_date,
        scheme,
        shop_id,
        metric,
        contribution,
    from {{ this }}
    where {{ before_run_dates_filter('score_date', 7) }}
    {%- endif %}

),

contributions_changed as (

    select
        contributions.*,
        contributions.contribution - week_before.contribution as contribution_change_7d,
    from contributions
    left join week_before_candidates as week_before
        on week_before.scheme = contributions.scheme
        and week_before.shop_id = contributions.shop_id
        and week_before.metric = contributions.metric
        and week_before.score_date = contributions.score_date - 7

),

final as (

    select
        {{ contract_columns() }}
    from contributions_changed

)

select * from final
