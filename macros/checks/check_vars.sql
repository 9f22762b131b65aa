{#-
    on-run-start: stop before any model runs when a var of dbt_project.yml has the wrong type or is out
    of range (issue #13), naming the var, its value, the rule and the fix. Before this check a bad var
    built green with wrong numbers (min_peer_shops 0 gave one-shop peer groups; a negative
    smoothing_prior_orders was treated as 0). Each rule is written here once.
-#}
{% macro check_vars() -%}
    {{ return(adapter.dispatch('check_vars')()) }}
{%- endmacro %}


{% macro default__check_vars() -%}
    {%- set problems = [] -%}
    {#- integers: (var, lowest allowed, highest allowed or none) -#}
    {%- for rule in [
        ('min_peer_shops', 1, none),
        ('reply_window_seconds', 1, none),
        ('cs_fast_response_seconds', 1, none),
        ('cs_conversion_window_hours', 1, none),
        ('cs_kpi_lookback_days', 0, none),
        ('scorecard_rank_band_percent', 1, 100),
        ('core_problem_max_rank', 1, none),
    ] -%}
        {%- do problems.extend(var_problems_integer(rule[0], var(rule[0]), rule[1], rule[2])) -%}
    {%- endfor -%}
    {#- numbers: (var, lowest allowed, is the lowest excluded) -#}
    {%- for rule in [('smoothing_prior_orders', 0, false)] -%}
        {%- set value = var(rule[0]) -%}
        {%- if value is not number or value is sameas true or value is sameas false
            or value < rule[1] or (rule[2] and value == rule[1]) -%}
            {%- do problems.append(var_problem(rule[0], value,
                'a number ' ~ ('> ' if rule[2] else '>= ') ~ rule[1])) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- the known schemes are the rows of seed scheme_settings (its CSV: no list of schemes here) -#}
    {%- set settings = graph.nodes['seed.' ~ project_name ~ '.scheme_settings'] -%}
    {%- set known = run_query('select scheme from ' ~ seed_csv_rows(settings)
        ~ ' where scheme is not null order by 1').columns[0].values() | list -%}
    {%- set schemes = var('schemes') -%}
    {%- if schemes is string or schemes is not iterable or schemes | length == 0
        or schemes | reject('in', known) | list | length > 0 -%}
        {%- do problems.append(var_problem('schemes', schemes,
            'a non-empty list of schemes of seed scheme_settings (' ~ known | join(', ') ~ ')')) -%}
    {%- endif -%}
    {%- if var('raw_data_dir') is not string or var('raw_data_dir') | trim == '' -%}
        {%- do problems.append(var_problem('raw_data_dir', var('raw_data_dir'), 'a folder path')) -%}
    {%- endif -%}
    {#- dates, times and timestamps: DuckDB itself says whether the text is one -#}
    {%- set typed_vars = [
        ('score_date_start', 'date', 'a date YYYY-MM-DD or null'),
        ('score_date_end', 'date', 'a date YYYY-MM-DD or null'),
        ('load_cutoff_at', 'timestamp', "a local timestamp 'YYYY-MM-DD HH:MM:SS' or null"),
        ('business_hours_start', 'time', "a time 'HH:MM:SS'"),
        ('business_hours_end', 'time', "a time 'HH:MM:SS'"),
    ] -%}
    {%- set casting_sql -%}
        select
        {%- for rule in typed_vars %}
            {%- set value = score_date_setting(rule[0]) if rule[0].startswith('score_date_') else var(rule[0], none) %}
            {{ 'true' if value is none and rule[1] in ('date', 'timestamp')
                else 'false' if value is none or value is mapping or (value is iterable and value is not string)
                else 'try_cast(' ~ sql_string(value) ~ ' as ' ~ rule[1] ~ ') is not null' }} as ok_{{ loop.index }},
        {%- endfor %}
            true as done
    {%- endset -%}
    {%- set cast_row = run_query(casting_sql).rows[0] -%}
    {%- for rule in typed_vars -%}
        {%- if not cast_row[loop.index0] -%}
            {%- do problems.append(var_problem(rule[0], score_date_setting(rule[0]) if rule[0].startswith('score_date_')
                else var(rule[0], none), rule[2])) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if not problems -%}
        {%- set order_sql -%}
            select
                {{ 'true' if not (score_date_setting('score_date_start') and score_date_setting('score_date_end'))
                    else 'cast(' ~ sql_string(score_date_setting('score_date_start')) ~ ' as date) <= cast('
                        ~ sql_string(score_date_setting('score_date_end')) ~ ' as date)' }} as dates_in_order,
                cast({{ sql_string(var('business_hours_start')) }} as time)
                    < cast({{ sql_string(var('business_hours_end')) }} as time) as hours_in_order
        {%- endset -%}
        {%- set order_row = run_query(order_sql).rows[0] -%}
        {%- if not order_row[0] -%}
            {%- do problems.append('score_date_end = ' ~ score_date_setting('score_date_end') ~ ' is before score_date_start = '
                ~ score_date_setting('score_date_start') ~ ': no date would be scored and every fact mart would be emptied. '
                ~ 'Swap them, or give an end on or after the start.') -%}
        {%- endif -%}
        {%- if not order_row[1] -%}
            {%- do problems.append('business_hours_end = ' ~ var('business_hours_end') ~ ' is not after business_hours_start = '
                ~ var('business_hours_start') ~ '. Give an end after the start.') -%}
        {%- endif -%}
    {%- endif -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            'Invalid settings (vars of dbt_project.yml or --vars); nothing was built:\n  - '
            ~ problems | join('\n  - ')
            ~ "\nFix them in dbt_project.yml or on the command line, e.g. dbt build --vars '{min_peer_shops: 10}'."
        ) }}
    {%- endif -%}
{%- endmacro %}


{#- Problems (text) of an integer var outside [lowest, highest] (highest none = no upper bound). -#}
{% macro var_problems_integer(name, value, lowest, highest) -%}
    {%- if value is not integer or value < lowest or (highest is not none and value > highest) -%}
        {{ return([var_problem(name, value, 'a whole number >= ' ~ lowest ~ (' and <= ' ~ highest if highest is not none else ''))]) }}
    {%- endif -%}
    {{ return([]) }}
{%- endmacro %}


{#- One line naming a var, its value and what it must be. -#}
{% macro var_problem(name, value, expected) -%}
    {{ return('var ' ~ name ~ ' = ' ~ (("'" ~ value ~ "'") if value is string else 'null' if value is none else (value | string)) ~ ' is invalid: it must be ' ~ expected ~ '.') }}
{%- endmacro %}
