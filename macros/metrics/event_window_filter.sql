{#-
    Windows without rescanning (SPEC §11): the one rule of which events a run's metric models read.
    An event dated before (first score date of the run - the longest look-back) falls into no window of
    any date being built, so a model that derives units from events keeps only
    `{{ event_window_filter('<the event's own timestamp or date>') }}`. The longest look-back is the
    largest window of the seeds (metric_catalogue's window_start_days, scheme_settings'
    volume_window_days; macro seed_window_days: of the schemes the run builds) and cs_kpi_lookback_days,
    so changing a window needs no edit here.
    Only the event that places a unit in a window is filtered by it; "since" facts (malicious flags, won
    appeals, decisions of earlier complaints) and parents looked up by key (an order's buyer) are read
    in full or by their own rule. The bounds are literals read from int_score_dates_listed at run time,
    so DuckDB prunes by them in the scan; `true` while parsing and in unit tests (their given rows are
    the run's), `false` when the run builds no date.
-#}
{% macro event_lookback_days() -%}
    {{ return(adapter.dispatch('event_lookback_days')()) }}
{%- endmacro %}

{% macro default__event_lookback_days() -%}
    {{ return([
        seed_window_days('metric'),
        seed_window_days('volume'),
        var('cs_kpi_lookback_days'),
    ] | map('int') | max) }}
{%- endmacro %}

{% macro event_window_filter(column) -%}
    {{ return(adapter.dispatch('event_window_filter')(column)) }}
{%- endmacro %}

{% macro default__event_window_filter(column) -%}
    {#- The ref makes the calling model run after this run's int_score_dates_listed (not in a unit
        test, whose inputs are only the given ones and which filters nothing). -#}
    {%- if model is not defined or model.resource_type != 'unit_test' -%}
        {%- set score_dates = ref('int_score_dates_listed') -%}
    {%- endif -%}
    {%- set bounds = run_score_date_bounds() -%}
    {%- if not bounds['known'] -%}
        true
    {%- elif bounds['start'] is none -%}
        false
    {%- else -%}
        {{ column }} >= cast('{{ bounds['start'] }}' as date) - {{ event_lookback_days() }}
    {%- endif -%}
{%- endmacro %}
