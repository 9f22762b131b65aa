{#-
    One row per score date D to build, from vars score_date_start / score_date_end (inclusive).
    Default for both (SPEC §10): the day after the latest orders.created_at, so a daily run scores
    "today" from data up to the end of yesterday (SPEC §3, seed 001: 由1天前的数据决定).
-#}
with

orders as (

    select created_at from {{ ref('stg_platform__orders') }}

),

default_date as (

    select cast(max(created_at) as date) + 1 as score_date
    from orders

),

bounds as (

    select
        coalesce(
            {{ "cast('" ~ var('score_date_start') ~ "' as date)" if var('score_date_start') else 'null' }},
            default_date.score_date
        ) as score_date_start,
        coalesce(
            {{ "cast('" ~ var('score_date_end') ~ "' as date)" if var('score_date_end') else 'null' }},
            default_date.score_date
        ) as score_date_end
    from default_date

),

final as (

    select cast(generated.score_date as date) as score_date
    from bounds
    cross join lateral (
        select unnest(generate_series(bounds.score_date_start, bounds.score_date_end, interval 1 day)) as score_date
    ) as generated

)

select score_date from final
