{#-
    The on-run-start hooks of dbt_project.yml, one line each: `{{ run_start_check('check_vars') }}`.
    What every check shares is written here once: it runs only when dbt executes (never while parsing),
    it stops the run by raising a compiler error, and a check that passes leaves the hook a no-op
    statement. Each check stays a dispatched macro (check_<name> -> default__check_<name>): they read
    files with DuckDB functions, which another engine (issue #12) overrides.
-#}
{% macro run_start_check(check_name) -%}
    {%- if execute -%}
        {%- do context[check_name]() -%}
    {%- endif -%}
    select 1 as {{ check_name }}_passed
{%- endmacro %}
