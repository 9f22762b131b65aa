{#-
    Grain: one row per (score_date, scheme, shop_id) for scored shops (SPEC §3 "Total"):
    sum(dimension weight * dimension score) / sum(weights of the non-NULL dimensions). Dimension
    weights come from seed dimension_weights: the row for the shop's level-1 category when there is
    one for that scheme and dimension (SPEC §6, tmall per level-1 category), else the '*' row.
-#}
with

dimension_scores as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        dimension_score,
    from {{ ref('int_shop_dimension_scores_averaged') }}

),

peer_groups as (

    select
        score_date,
        scheme,
        shop_id,
        level_one_category_id,
    from {{ ref('int_shop_peer_groups_chosen') }}

),

dimension_weights as (

    select
        scheme,
        category_id,
        dimension,
        weight,
    from {{ ref('dimension_weights') }}

),

weighted_dimensions as (

    select
        dimension_scores.score_date,
        dimension_scores.scheme,
        dimension_scores.shop_id,
        dimension_scores.dimension,
        dimension_scores.dimension_score,
        coalesce(category_weights.weight, default_weights.weight) as dimension_weight,
    from dimension_scores
    inner join peer_groups
        on peer_groups.score_date = dimension_scores.score_date
        and peer_groups.scheme = dimension_scores.scheme
        and peer_groups.shop_id = dimension_scores.shop_id
    left join dimension_weights as category_weights
        on category_weights.scheme = dimension_scores.scheme
        and category_weights.dimension = dimension_scores.dimension
        and category_weights.category_id = peer_groups.level_one_category_id
    left join dimension_weights as default_weights
        on default_weights.scheme = dimension_scores.scheme
        and default_weights.dimension = dimension_scores.dimension
        and default_weights.category_id = '*'

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        -- Rounded to 9 decimals so that floating-point noise in the weighted sum (0.3 + 0.2 + ...)
        -- cannot move a total that is exactly on a flag threshold (4.0, 3.5, ...) to either side.
        round(
            sum(dimension_weight * dimension_score)
            / nullif(sum(dimension_weight) filter (where dimension_score is not null), 0),
            9
        ) as total_score,
    from weighted_dimensions
    group by
        score_date,
        scheme,
        shop_id

)

select
    score_date,
    scheme,
    shop_id,
    total_score,
from final
