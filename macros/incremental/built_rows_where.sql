{#-
    Data tests scoped to what the run built (SPEC §11, issue #9). A date-keyed mart keeps every date
    ever built and a run replaces only its own dates, so a test of the mart re-checked the whole
    history every day, though every earlier date was checked by the run that built it. The test
    configs in dbt_project.yml (`data_tests:`, `+where`) name one of these predicates, quoted with
    `{% raw %}` so that dbt renders it when the test runs (get_where_subquery below), not when it loads
    the project: the dates are known only once int_score_dates_listed is built.
-#}

{#-
    The rows of a date-keyed mart this run (re)built: its date column within the range the
    replace_dates strategy replaced (replaced_date_bounds: the run's score dates, or its KPI dates).
    `true` on `--full-refresh` (the mart holds only what the run built: test it all), when var
    `data_tests_whole_history` is true, and while dbt parses; no row when the run builds no date.
    Singular tests call it directly (`where` configs apply to generic tests only).
-#}
{% macro built_rows_where(date_column) -%}
    {{ return(adapter.dispatch('built_rows_where')(date_column)) }}
{%- endmacro %}

{% macro default__built_rows_where(date_column) -%}
    {%- if not execute or flags.FULL_REFRESH or var('data_tests_whole_history') -%}
        true
    {%- else -%}
        {%- set bounds = replaced_date_bounds(date_column) -%}
        {{ date_column }} between {{ bounds['start'] }} and {{ bounds['end'] }}
    {%- endif -%}
{%- endmacro %}

{#-
    The rows of an incremental staging table (base_platform__<table>_checked) this run wrote: loaded
    from a new file, or re-checked (checked_run_id, SPEC §11 incremental load). `true` on
    `--full-refresh` and when var `data_tests_whole_history` is true.
-#}
{% macro written_rows_where() -%}
    {{ return(adapter.dispatch('written_rows_where')()) }}
{%- endmacro %}

{% macro default__written_rows_where() -%}
    {%- if flags.FULL_REFRESH or var('data_tests_whole_history') -%}
        true
    {%- else -%}
        checked_run_id = '{{ invocation_id }}'
    {%- endif -%}
{%- endmacro %}

{#-
    dbt's get_where_subquery (what a generic test selects from when its `where` config is set), with
    one addition: a `where` holding Jinja is rendered here, at execution, so it may call the macros
    above (dbt renders test configs from YAML when it parses, where no project macro is available and
    no table is built yet). A plain `where` works as in dbt.
-#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where and execute and '{{' in where -%}
        {%- set where = render(where) | trim -%}
    {%- endif -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- else -%}
        {%- do return(relation) -%}
    {%- endif -%}
{%- endmacro %}
