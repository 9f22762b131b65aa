{#-
    Grain: one row per (score_date, scheme, shop_id) for scored shops (SPEC §3 "Total"):
    sum(dimension weight x dimension score) / sum(weights of the non-NULL dimensions), written as
    sum(weight_share x metric_score) over the shop's metrics, with the shares of
    int_shop_metric_weight_shares_computed (dimension weights of seed dimension_weights: the shop's
    level-1 category row when there is one, SPEC §6, else '*'). The same shares give the SPEC §8
    contributions, so these add up to this total. NULL when no metric has a score.
-#}
with

metric_shares as (

    select
        score_date,
        scheme,
        shop_id,
        metric_score,
        weight_share,
    from {{ ref('int_shop_metric_weight_shares_computed') }}

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        -- Rounded to 9 decimals so that floating-point noise in the weighted sum (0.3 + 0.2 + ...)
        -- cannot move a total that is exactly on a flag threshold (4.0, 3.5, ...) to either side.
        round({{ exact_sum('weight_share * metric_score') }}, 9) as total_score,
    from metric_shares
    group by
        score_date,
        scheme,
        shop_id

)

select * from final
