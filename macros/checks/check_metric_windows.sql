{#-
    on-run-start, after check_seed_files: stop before any model runs when var pdd_window_days and
    pdd's windows in the seeds disagree, naming seed, row, column and value. The seeds are the source
    of every window (DESIGN: windows in the catalogue); pdd's chat units (int_pdd__reply_3min_rates_computed)
    and the dates pdd's derived models read (macro pdd_visible_dates) still read the var until they
    move to the catalogue, so each pdd window in the seeds must be [D-pdd_window_days, D-1].
-#}
{% macro check_metric_windows() -%}
    {{ return(adapter.dispatch('check_metric_windows')()) }}
{%- endmacro %}


{% macro default__check_metric_windows() -%}
    {%- if execute -%}
        {%- set window = var('pdd_window_days') | int -%}
        {%- set catalogue = graph.nodes['seed.' ~ project_name ~ '.metric_catalogue'] -%}
        {%- set settings = graph.nodes['seed.' ~ project_name ~ '.scheme_settings'] -%}
        {%- set checking_sql -%}
            with

            catalogue_rows as (
                select row_number() over () as seed_row, *
                from read_csv({{ sql_string(seed_file_path(catalogue)) }}, header = true, all_varchar = true)
            ),

            settings_rows as (
                select row_number() over () as seed_row, *
                from read_csv({{ sql_string(seed_file_path(settings)) }}, header = true, all_varchar = true)
            )

            select 'metric_catalogue', '{{ catalogue.original_file_path }}', seed_row, 'window_start_days', window_start_days
            from catalogue_rows
            where scheme = 'pdd' and try_cast(window_start_days as integer) is distinct from {{ window }}
            union all
            select 'metric_catalogue', '{{ catalogue.original_file_path }}', seed_row, 'window_end_days', window_end_days
            from catalogue_rows
            where scheme = 'pdd' and try_cast(window_end_days as integer) is distinct from 1
            union all
            select 'scheme_settings', '{{ settings.original_file_path }}', seed_row, 'volume_window_days', volume_window_days
            from settings_rows
            where scheme = 'pdd' and try_cast(volume_window_days as integer) is distinct from {{ window }}
            order by 1, 3, 4
        {%- endset -%}
        {%- set problems = [] -%}
        {%- for row in run_query(checking_sql).rows -%}
            {%- do problems.append('seed ' ~ row[0] ~ ' (' ~ row[1] ~ '), row ' ~ row[2] ~ ', column ' ~ row[3]
                ~ ": '" ~ row[4] ~ "' differs from pdd's window [D-" ~ window ~ ', D-1] (var pdd_window_days)') -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                "pdd's windows disagree; nothing was built (rows count from 1 after the header line):\n  - "
                ~ problems | join('\n  - ')
                ~ "\npdd's chat units still read var pdd_window_days: change it and pdd's seed windows together."
            ) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as metric_windows_checked
{%- endmacro %}
