{#-
    The longest window of the configuration seeds, in days, read from their CSV files at compile time
    (as check_seed_files reads them, so it works on-run-start, before `dbt build` loads any seed):
    kind 'metric' = the largest window_start_days of seed metric_catalogue, kind 'volume' = the largest
    volume_window_days of seed scheme_settings, over the rows of the schemes this run builds (var
    schemes, macro selected_schemes): a pdd-only run reads no event for douyin's 104-day window. The
    seeds are the one source of windows (DESIGN: windows in the catalogue); this is how the event
    filter and the score-date check know them. 0 when not executing (parsing).
-#}
{% macro seed_window_days(kind) -%}
    {{ return(adapter.dispatch('seed_window_days')(kind)) }}
{%- endmacro %}

{% macro default__seed_window_days(kind) -%}
    {%- if not execute -%}
        {{ return(0) }}
    {%- endif -%}
    {%- set seed_name, column = {
        'metric': ('metric_catalogue', 'window_start_days'),
        'volume': ('scheme_settings', 'volume_window_days'),
    }[kind] -%}
    {%- set seed = graph.nodes['seed.' ~ project_name ~ '.' ~ seed_name] -%}
    {%- set built = [] -%}
    {%- for scheme in selected_schemes() -%}
        {%- do built.append(sql_string(scheme)) -%}
    {%- endfor -%}
    {%- set longest = run_query(
        'select coalesce(max(try_cast(' ~ column ~ ' as integer)), 0) from ' ~ seed_csv_rows(seed)
        ~ ' where scheme in (' ~ built | join(', ') ~ ')'
    ).rows[0][0] -%}
    {{ return(longest | int) }}
{%- endmacro %}
