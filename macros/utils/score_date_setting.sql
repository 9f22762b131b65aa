{#-
    The score dates a run builds (SPEC §10, §11), the one place they are read: var score_date_start /
    score_date_end when set (`dbt build --vars '{score_date_start: ...}'`: a var wins), else the
    environment variable SHOPSCORE_SCORE_DATE_START / SHOPSCORE_SCORE_DATE_END (how `shopscore daily`
    passes them), else none (the defaults of int_score_dates_listed).
    Why the environment: dbt re-parses the whole project whenever --vars change, and a daily run has new
    dates every day; a changed environment variable re-parses only the files whose parsing read it
    (int_score_dates_listed), so a daily run keeps dbt's partial parse (docs/DESIGN.md).
-#}
{% macro score_date_setting(name) -%}
    {{ return(adapter.dispatch('score_date_setting')(name)) }}
{%- endmacro %}

{% macro default__score_date_setting(name) -%}
    {%- if name not in ('score_date_start', 'score_date_end') -%}
        {{ exceptions.raise_compiler_error(
            'score_date_setting: ' ~ name ~ ' is not a score date setting (score_date_start or score_date_end).'
        ) }}
    {%- endif -%}
    {%- set value = var(name, none) -%}
    {%- if value is none or (value is string and value | trim == '') -%}
        {%- set value = env_var('SHOPSCORE_' ~ name | upper, '') | trim -%}
    {%- endif -%}
    {{ return(none if value is none or value == '' else value) }}
{%- endmacro %}
