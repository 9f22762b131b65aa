{#-
    DESIGN, for every scheme built (var schemes): the volume models give one row per score date and
    active shop open on it (0 included; restated here, not read from int_shops_listed_daily), and metric rows exist exactly for the shops with volume > 0, one per
    metric of that scheme in the metric catalogue (SPEC §4-§6). Returns the offending (scheme, date,
    shop) rows.
-#}
{%- set schemes = var('schemes') if var('schemes') is not string else [var('schemes')] -%}

with

schemes as (

    {% for scheme in schemes %}
    select '{{ scheme }}' as scheme
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

catalogue_counts as (

    select
        scheme,
        count(*) as catalogue_metric_count
    from {{ ref('metric_catalogue') }}
    group by scheme

),

expected as (

    select
        schemes.scheme,
        score_dates.score_date,
        shops.shop_id,
    from schemes
    cross join {{ ref('int_score_dates_listed') }} as score_dates
    cross join {{ ref('stg_platform__shops') }} as shops
    where shops.shop_status = 'active'
        and (shops.opened_date is null or shops.opened_date <= score_dates.score_date)

),

volumes as (

    select
        scheme,
        score_date,
        shop_id,
        volume
    from {{ ref('int_shop_volumes_unioned') }}

),

metric_counts as (

    select
        scheme,
        score_date,
        shop_id,
        count(distinct metric) as metric_count
    from {{ ref('int_metric_values_unioned') }}
    group by scheme, score_date, shop_id

),

checked as (

    select
        coalesce(expected.scheme, volumes.scheme, metric_counts.scheme) as scheme,
        coalesce(expected.score_date, volumes.score_date, metric_counts.score_date) as score_date,
        coalesce(expected.shop_id, volumes.shop_id, metric_counts.shop_id) as shop_id,
        expected.shop_id is not null as is_expected,
        volumes.volume,
        metric_counts.metric_count,
    from expected
    full outer join volumes
        on expected.scheme = volumes.scheme
        and expected.score_date = volumes.score_date
        and expected.shop_id = volumes.shop_id
    full outer join metric_counts
        on coalesce(expected.scheme, volumes.scheme) = metric_counts.scheme
        and coalesce(expected.score_date, volumes.score_date) = metric_counts.score_date
        and coalesce(expected.shop_id, volumes.shop_id) = metric_counts.shop_id

)

select
    checked.scheme,
    checked.score_date,
    checked.shop_id,
    checked.is_expected,
    checked.volume,
    checked.metric_count,
    catalogue_counts.catalogue_metric_count,
from checked
left join catalogue_counts
    on catalogue_counts.scheme = checked.scheme
where not checked.is_expected
    or checked.volume is null
    or (checked.volume > 0) != (checked.metric_count is not null)
    or checked.metric_count != catalogue_counts.catalogue_metric_count
