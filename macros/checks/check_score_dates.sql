{#-
    on-run-start, after check_vars and check_raw_files: stop before any model runs when var
    score_date_start or score_date_end lies outside the dates the raw orders can score (issue #13):
    a score date D reads data before D (SPEC §3), so the first useful D is the day after the first
    order, and past the day after the last order plus the longest scheme window no order falls in any
    window and nobody would be scored. Unset vars pass (SPEC §11 defaults, int_score_dates_listed: the
    dates after the last one built through the day after the latest loaded data); with only one var
    set, the other is the day after the latest loaded data (the latest dt= partition of orders, else
    the last order's date) and they must not cross.
    Checked only when orders' staging is selected (its raw folder has then been checked).
    One SQL for both engines (issue #12): the orders through raw_table_rows, the latest partition from
    the file names (platform_latest_partition).
-#}
{% macro check_score_dates() -%}
    {{ return(adapter.dispatch('check_score_dates')()) }}
{%- endmacro %}


{% macro default__check_score_dates() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- if 'orders' in patterns and (score_date_setting('score_date_start') or score_date_setting('score_date_end')) -%}
        {#- The volume windows (seed scheme_settings): past them no order counts and nobody is scored. -#}
        {%- set longest_window = seed_window_days('volume') -%}
        {%- set latest_partition = platform_latest_partition('orders') -%}
        {%- set range_sql -%}
            with

            orders as (
                select try_cast(created_at as timestamp) as created_at
                from {{ raw_table_rows('orders') }} as raw_orders
            ),

            data_range as (
                select
                    cast(min(created_at) as date) as first_order_date,
                    cast(max(created_at) as date) as last_order_date
                from orders
            )

            select
                first_order_date,
                last_order_date,
                first_order_date + 1 as first_score_date,
                last_order_date + 1 + {{ longest_window }} as last_score_date,
                -- The default of an unset var (int_score_dates_listed): the day after the latest loaded data.
                coalesce(
                    {{ ('cast(' ~ sql_string(latest_partition) ~ ' as date)') if latest_partition else 'cast(null as date)' }},
                    last_order_date
                ) + 1 as default_date
            from data_range
        {%- endset -%}
        {%- set bounds = run_query(engine_sql(range_sql)).rows[0] -%}
        {%- set problems = [] -%}
        {%- for name in ['score_date_start', 'score_date_end'] if score_date_setting(name) -%}
            {%- set check = run_query(
                'select cast(' ~ sql_string(score_date_setting(name)) ~ ' as date) between cast(' ~ sql_string(bounds[2]) ~ ' as date)'
                ~ ' and cast(' ~ sql_string(bounds[3]) ~ ' as date)'
            ) if bounds[0] is not none else none -%}
            {%- if check is none or not check.rows[0][0] -%}
                {%- do problems.append('var ' ~ name ~ ' = ' ~ score_date_setting(name)) -%}
            {%- endif -%}
        {%- endfor -%}
        {#- Only one var set: the other is the default (the day after the last order); they must not cross. -#}
        {%- set only_one_set = (score_date_setting('score_date_start') and not score_date_setting('score_date_end'))
            or (score_date_setting('score_date_end') and not score_date_setting('score_date_start')) -%}
        {%- if not problems and bounds[0] is not none and only_one_set -%}
            {%- set default_date = bounds[4] -%}
            {%- set crossed = run_query(
                'select cast(' ~ sql_string(score_date_setting('score_date_start') or default_date) ~ ' as date) > cast('
                ~ sql_string(score_date_setting('score_date_end') or default_date) ~ ' as date)'
            ).rows[0][0] -%}
            {%- if crossed -%}
                {{ exceptions.raise_compiler_error(
                    'var score_date_start = ' ~ (score_date_setting('score_date_start') or default_date) ~ ' is after score_date_end = '
                    ~ (score_date_setting('score_date_end') or default_date) ~ ' (' ~ ('score_date_end' if score_date_setting('score_date_start') else 'score_date_start')
                    ~ ' is unset, so it is the day after the last order); no date would be scored and nothing was built. '
                    ~ 'Set both score_date_start and score_date_end.'
                ) }}
            {%- endif -%}
        {%- endif -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                problems | join(' and ') ~ ' is outside the dates the raw orders can score; nothing was built. '
                ~ (('The orders in ' ~ patterns['orders'] ~ ' run from ' ~ bounds[0] ~ ' to ' ~ bounds[1]
                    ~ ', so score dates must lie from ' ~ bounds[2] ~ ' to ' ~ bounds[3]
                    ~ ' (the day after the last order plus the longest window, ' ~ longest_window ~ ' days). ')
                    if bounds[0] is not none else 'No order in ' ~ patterns['orders'] ~ ' has a readable created_at. ')
                ~ 'Choose score dates in that range, or leave score_date_start and score_date_end unset to score the day after the last order.'
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
