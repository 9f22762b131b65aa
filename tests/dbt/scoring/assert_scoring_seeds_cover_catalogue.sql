{#-
    Every (scheme, dimension) of the metric catalogue has a default ('*') dimension weight, every
    catalogued scheme has scheme settings, and every (scheme, metric) the metric models emit is
    catalogued (else its rows would be dropped from scoring). Fails on each gap.
-#}
select
    'dimension without a default weight' as problem,
    catalogue.scheme,
    catalogue.dimension as name
from (
    select distinct
        scheme,
        dimension
    from {{ ref('metric_catalogue') }}
) as catalogue
left join {{ ref('dimension_weights') }} as weights
    on weights.scheme = catalogue.scheme
    and weights.dimension = catalogue.dimension
    and weights.category_id = '*'
where weights.scheme is null

union all

select
    'metric not in the catalogue' as problem,
    emitted.scheme,
    emitted.metric as name
from (
    select distinct
        scheme,
        metric
    from {{ ref('int_metric_values_unioned') }}
) as emitted
left join {{ ref('metric_catalogue') }} as catalogue
    on catalogue.scheme = emitted.scheme
    and catalogue.metric = emitted.metric
where catalogue.scheme is null
