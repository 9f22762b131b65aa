{#-
    SPEC §5 (douyin, and by the same algebra every scheme): total = lo + (hi - lo) x
    sum(w_dim x dim_percentile) / sum(w_dim), dim_percentile = the catalogue-weighted mean of the
    dimension's metric percentiles, over non-NULL dimensions. Recomputed here from the published
    metric percentiles (not from dimension scores); fails where it differs from total_score by more
    than 1e-6, or where one is NULL and the other not.
-#}
with

metrics as (

    select
        metric_daily.score_date,
        metric_daily.scheme,
        metric_daily.shop_id,
        metric_daily.dimension,
        metric_daily.percentile,
        catalogue.weight,
    from (
        select * from {{ ref('fct_shop_metric_daily') }}
        where {{ built_rows_where('score_date') }}
    ) as metric_daily
    inner join {{ ref('metric_catalogue') }} as catalogue
        on catalogue.scheme = metric_daily.scheme
        and catalogue.metric = metric_daily.metric

),

dimension_percentiles as (

    select
        score_date,
        scheme,
        shop_id,
        dimension,
        sum(weight * percentile) / sum(weight) filter (where percentile is not null) as dim_percentile,
    from metrics
    group by score_date, scheme, shop_id, dimension

),

level_ones as (

    -- Level-1 category of each category, by walking parents (independent of the closure model).
    select
        categories.category_id,
        coalesce(grandparents.category_id, parents.category_id, categories.category_id) as level_one_id,
        grandparents.parent_category_id as above_level_three,
    from {{ ref('stg_platform__categories') }} as categories
    left join {{ ref('stg_platform__categories') }} as parents
        on parents.category_id = categories.parent_category_id
    left join {{ ref('stg_platform__categories') }} as grandparents
        on grandparents.category_id = parents.parent_category_id

),

weighted as (

    select
        dimension_percentiles.score_date,
        dimension_percentiles.scheme,
        dimension_percentiles.shop_id,
        dimension_percentiles.dim_percentile,
        level_ones.above_level_three,
        coalesce(category_weights.weight, default_weights.weight) as dim_weight,
    from dimension_percentiles
    inner join {{ ref('fct_shop_score_daily') }} as scores
        on scores.score_date = dimension_percentiles.score_date
        and scores.scheme = dimension_percentiles.scheme
        and scores.shop_id = dimension_percentiles.shop_id
    inner join level_ones
        on level_ones.category_id = scores.category_id
    left join {{ ref('dimension_weights') }} as category_weights
        on category_weights.scheme = dimension_percentiles.scheme
        and category_weights.dimension = dimension_percentiles.dimension
        and category_weights.category_id = level_ones.level_one_id
    left join {{ ref('dimension_weights') }} as default_weights
        on default_weights.scheme = dimension_percentiles.scheme
        and default_weights.dimension = dimension_percentiles.dimension
        and default_weights.category_id = '*'

),

expected as (

    select
        weighted.score_date,
        weighted.scheme,
        weighted.shop_id,
        settings.scale_lo + (settings.scale_hi - settings.scale_lo)
        * sum(weighted.dim_weight * weighted.dim_percentile)
        / sum(weighted.dim_weight) filter (where weighted.dim_percentile is not null) as expected_total,
        -- Taxonomies deeper than 3 levels are out of this check's reach (it walks two parents).
        bool_or(weighted.above_level_three is not null) as is_too_deep,
    from weighted
    inner join {{ ref('scheme_settings') }} as settings
        on settings.scheme = weighted.scheme
    group by
        weighted.score_date,
        weighted.scheme,
        weighted.shop_id,
        settings.scale_lo,
        settings.scale_hi

)

select
    expected.score_date,
    expected.scheme,
    expected.shop_id,
    expected.expected_total,
    scores.total_score,
from expected
inner join {{ ref('fct_shop_score_daily') }} as scores
    on scores.score_date = expected.score_date
    and scores.scheme = expected.scheme
    and scores.shop_id = expected.shop_id
where
    not expected.is_too_deep
    and (
        (scores.total_score is null) <> (expected.expected_total is null)
        or abs(scores.total_score - expected.expected_total) > 1e-6
    )
