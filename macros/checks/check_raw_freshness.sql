{#-
    on-run-start: raw freshness on the delivery's own dates (SPEC §11, issue #9 mend 7). Every day the
    platform adds a dt= partition to every table folder; a partitioned table whose latest partition is more
    than var raw_freshness_error_after_days (default 2) days older than the latest partition of orders
    missed deliveries, and scores built now would silently lack its rows: stop, naming the table, its
    latest partition and the orders' one. Only partition NAMES are read (no data, no wall clock), so a
    planted year-2099 timestamp cannot make a stale table look fresh. Tables without partitions (snapshots
    such as shops) and runs without orders partitions are not checked.
    Also logs when rows outside partitions get no future check (no partition anywhere, load_cutoff_at unset).
-#}
{% macro check_raw_freshness() -%}
    {{ return(adapter.dispatch('check_raw_freshness')()) }}
{%- endmacro %}


{% macro default__check_raw_freshness() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- set allowed = var('raw_freshness_error_after_days', 2) -%}
    {%- if allowed is not number or allowed is boolean or allowed < 0 or allowed != (allowed | int) -%}
        {{ exceptions.raise_compiler_error(
            'var raw_freshness_error_after_days = ' ~ allowed ~ ' is invalid: it must be a whole number >= 0.'
        ) }}
    {%- endif -%}
    {%- if patterns -%}
        {%- set orders_latest = platform_latest_partition('orders') -%}
        {%- if orders_latest -%}
            {%- set reference = modules.datetime.date.fromisoformat(orders_latest) -%}
            {%- set problems = [] -%}
            {%- for table_name in patterns if table_name != 'orders' -%}
                {%- set latest = platform_latest_partition(table_name) -%}
                {%- if latest -%}
                    {%- set lag = (reference - modules.datetime.date.fromisoformat(latest)).days -%}
                    {%- if lag > allowed -%}
                        {%- do problems.append(
                            'raw table ' ~ table_name ~ ': latest partition dt=' ~ latest ~ ' is ' ~ lag
                            ~ ' days older than the latest orders partition dt=' ~ orders_latest
                        ) -%}
                    {%- endif -%}
                {%- endif -%}
            {%- endfor -%}
            {%- if problems -%}
                {{ exceptions.raise_compiler_error(
                    'Raw data is stale (SPEC §11: every table gets a dt= partition every day; allowed lag '
                    ~ allowed ~ ' days, var raw_freshness_error_after_days); nothing was built:\n  - '
                    ~ problems | join('\n  - ')
                    ~ '\nWait for the missing deliveries under ' ~ raw_data_dir()
                    ~ ' (a day without rows still needs its dt= folder with an empty Parquet file) and rerun;'
                    ~ ' to build anyway, raise raw_freshness_error_after_days.'
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- if not var('load_cutoff_at', none) and not platform_latest_partition() -%}
            {%- do log(
                'check_raw_freshness: no dt= partition under ' ~ raw_data_dir() ~ ' and var load_cutoff_at unset: '
                ~ 'rows are not checked for future timestamps (set load_cutoff_at to check them).',
                info=true
            ) -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
