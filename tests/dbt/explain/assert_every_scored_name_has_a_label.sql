{#-
    Every scheme, metric, dimension and flag of the scoring seeds, and every help reason code (and
    'unclassified'), has a Chinese label in seed labels. Returns the names without one.
-#}
with

labels as (

    select
        kind,
        scheme,
        name,
    from {{ ref('labels') }}

),

named as (

    select distinct
        'scheme' as kind,
        scheme,
        scheme as name
    from {{ ref('scheme_settings') }}
    union all
    select distinct
        'metric' as kind,
        scheme,
        metric as name
    from {{ ref('metric_catalogue') }}
    union all
    select distinct
        'dimension' as kind,
        scheme,
        dimension as name
    from {{ ref('metric_catalogue') }}
    union all
    select distinct
        'flag' as kind,
        scheme,
        flag as name
    from {{ ref('flag_rules') }}
    union all
    -- SPEC §6: the events' flags belong to tmall.
    select distinct
        'flag' as kind,
        'tmall' as scheme,
        'eligible_' || event as name
    from {{ ref('tmall_event_thresholds') }}
    union all
    select distinct
        'reason' as kind,
        'pdd' as scheme,
        reason_code as name
    from {{ ref('help_reason_codes') }}
    where dimension != 'routine'
    union all
    select
        'reason' as kind,
        'pdd' as scheme,
        'unclassified' as name

),

final as (

    select
        named.kind,
        named.scheme,
        named.name,
    from named
    left join labels
        on labels.kind = named.kind
        and labels.scheme = named.scheme
        and labels.name = named.name
    where labels.name is null

)

select * from final
