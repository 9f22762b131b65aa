{#-
    The load time that timestamps must not exceed (SPEC §9 "in the future of the load"), as a SQL
    timestamp literal in local platform time: var load_cutoff_at, or (default) the run's start time in
    Asia/Shanghai, because raw timestamps are naive local times (SPEC §2). One value for the whole run.
-#}
{% macro load_cutoff_at() -%}
    {{ return(adapter.dispatch('load_cutoff_at')()) }}
{%- endmacro %}


{% macro default__load_cutoff_at() -%}
    {%- if var('load_cutoff_at', none) -%}
        cast({{ sql_string(var("load_cutoff_at")) }} as timestamp)
    {%- else -%}
        {{ platform_run_started_at() }}
    {%- endif -%}
{%- endmacro %}
