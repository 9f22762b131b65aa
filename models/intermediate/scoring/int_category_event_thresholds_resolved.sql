{#-
    Grain: one row per (category_id, event): the marketing-event threshold that applies to a shop of
    that main category (SPEC §6, seed tmall_event_thresholds): the most specific row among the
    category and its ancestors, else the event's '*' row. Read by the event flags and by the
    improvement targets (SPEC §8), so the rule lives here only.
-#}
with

event_thresholds as (

    select
        event,
        category_id,
        min_score,
    from {{ ref('tmall_event_thresholds') }}

),

category_ancestors as (

    select
        category_id,
        ancestor_category_id,
        distance,
    from {{ ref('int_category_ancestors_listed') }}

),

categories as (

    select distinct category_id
    from category_ancestors

),

events as (

    select distinct event
    from event_thresholds

),

specific_thresholds as (

    -- The most specific threshold row for each category: itself, then its nearest ancestor.
    select
        category_ancestors.category_id,
        event_thresholds.event,
        event_thresholds.min_score,
    from category_ancestors
    inner join event_thresholds
        on event_thresholds.category_id = category_ancestors.ancestor_category_id
    qualify
        row_number() over (
            partition by category_ancestors.category_id, event_thresholds.event
            order by category_ancestors.distance
        ) = 1

),

final as (

    select
        categories.category_id,
        events.event,
        coalesce(specific_thresholds.min_score, default_thresholds.min_score) as min_score,
    from categories
    cross join events
    left join specific_thresholds
        on specific_thresholds.category_id = categories.category_id
        and specific_thresholds.event = events.event
    left join event_thresholds as default_thresholds
        on default_thresholds.event = events.event
        and default_thresholds.category_id = '*'

)

select * from final
