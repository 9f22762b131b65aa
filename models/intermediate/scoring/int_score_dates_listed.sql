{#-
    One row per score date D this run builds, from vars score_date_start / score_date_end (inclusive; or
    the environment variables SHOPSCORE_SCORE_DATE_START / _END, macro score_date_setting).
    Default (SPEC §11), when neither var is set: every date after the last score_date already in
    marts.fct_shop_score_daily through the day after the latest loaded data, so a daily run scores
    "today" from data up to the end of yesterday (SPEC §3, seed 001: 由1天前的数据决定). The latest
    loaded data is the latest `dt=` partition of the orders folder, or, with no partition, the latest
    orders.created_at date. On a warehouse with no date yet: that one day. Nothing due (the marts
    already hold the day after the latest data): no row, and the run builds, replaces and deletes no
    date. With `--full-refresh` and no var the run rebuilds from the first date the marts held.
    One var set: the other is the day after the latest loaded data.
-#}
{#- var, else the environment (shopscore daily), else none: macro score_date_setting. -#}
{%- set score_date_start = score_date_setting('score_date_start') -%}
{%- set score_date_end = score_date_setting('score_date_end') -%}
{#- Read by name, not ref: the mart is built from these dates (a ref would be a cycle). -#}
{%- set node = graph.nodes.get('model.' ~ project_name ~ '.fct_shop_score_daily') if execute else none -%}
{%- set history = none if node is none else adapter.get_relation(
    database=node.database, schema=node.schema, identifier=node.alias
) -%}
{#- Each bound: its var's date; with no var at all, the start follows the marts' history; else (null)
    the day after the latest loaded data. -#}
{%- if score_date_start or score_date_end -%}
{%- set start_bound = "cast('" ~ score_date_start ~ "' as date)" if score_date_start else 'null' -%}
{%- set end_bound = "cast('" ~ score_date_end ~ "' as date)" if score_date_end else 'null' -%}
{%- else -%}
{%- set start_bound = 'built_dates.first_built_date' if flags.FULL_REFRESH else 'built_dates.last_built_date + 1' -%}
{%- set end_bound = 'null' -%}
{%- endif %}
with

orders as (

    select created_at from {{ ref('stg_platform__orders') }}

),

order_files as (

    select file
    from {{ raw_file_names('orders') }}

),

latest_partition as (

    select max(try_cast(regexp_extract(file, 'dt=(\d{4}-\d{2}-\d{2})', 1) as date)) as partition_date
    from order_files

),

latest_data as (

    select
        coalesce(
            latest_partition.partition_date,
            (select cast(max(orders.created_at) as date) from orders)
        ) + 1 as default_date
    from latest_partition

),

built_dates as (

    {% if history is not none %}
    select
        min(score_date) as first_built_date,
        max(score_date) as last_built_date,
    from {{ history }}
    {% else %}
    select
        cast(null as date) as first_built_date,
        cast(null as date) as last_built_date,
    {% endif %}

),

bounds as (

    select
        coalesce({{ start_bound }}, latest_data.default_date) as score_date_start,
        coalesce({{ end_bound }}, latest_data.default_date) as score_date_end,
    from latest_data
    cross join built_dates

),

generated_dates as (

    select {{ date_series('bounds.score_date_start', 'bounds.score_date_end') }} as score_date
    from bounds

),

final as (

    select cast(score_date as date) as score_date
    from generated_dates

)

select score_date from final
