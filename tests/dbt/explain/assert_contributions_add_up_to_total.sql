{#-
    SPEC §8: the contributions of a scored shop add up to its total (within 1e-9: the total is rounded
    to 9 decimals), and its points lost to scale_hi - total. Returns the shops where they do not, and
    scored shops with a total but no contribution rows.
-#}
with

contributions as (

    select
        score_date,
        scheme,
        shop_id,
        sum(contribution) as contribution_sum,
        sum(points_lost) as points_lost_sum,
    from {{ ref('fct_shop_metric_contribution_daily') }}
    where {{ built_rows_where('score_date') }}
    group by
        score_date,
        scheme,
        shop_id

),

totals as (

    select
        score_date,
        scheme,
        shop_id,
        total_score,
    from {{ ref('fct_shop_score_daily') }}
    where score_status = 'scored'
        and {{ built_rows_where('score_date') }}

),

scheme_settings as (

    select
        scheme,
        scale_hi,
    from {{ ref('scheme_settings') }}

),

final as (

    select
        totals.score_date,
        totals.scheme,
        totals.shop_id,
        totals.total_score,
        contributions.contribution_sum,
        contributions.points_lost_sum,
    from totals
    inner join scheme_settings
        on scheme_settings.scheme = totals.scheme
    left join contributions
        on contributions.score_date = totals.score_date
        and contributions.scheme = totals.scheme
        and contributions.shop_id = totals.shop_id
    -- A shop without a total (no metric has a score) has contributions of 0 only.
    where contributions.contribution_sum is null
        or abs(coalesce(totals.total_score, 0) - contributions.contribution_sum) > 1e-9
        or (
            totals.total_score is not null
            and abs(scheme_settings.scale_hi - totals.total_score - contributions.points_lost_sum) > 1e-9
        )

)

select * from final
