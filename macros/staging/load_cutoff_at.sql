{#-
    The load cut-off (SPEC §9 "in the future of the load", §11 "Load cut-off"): a timestamp after it is
    future_timestamp. The wall clock never enters, so the same files always give the same rows.
      - a row of a dt= partition: the end of its date, dt + 1 day 00:00 (macro partition_cutoff_at);
      - a row outside partitions (a snapshot file such as shops/part-0.parquet): var load_cutoff_at, or by
        default the cut-off of the latest dt= partition of ANY raw table (macro load_cutoff_at);
      - no partition anywhere and the var unset (a one-off snapshot export): there is no delivery date to
        judge "future" against, so rows outside partitions are not checked for future timestamps
        (on-run-start says so and how to turn the check on: set load_cutoff_at).
    Local platform time (naive Asia/Shanghai, SPEC §2).
-#}
{% macro load_cutoff_at() -%}
    {{ return(adapter.dispatch('load_cutoff_at')()) }}
{%- endmacro %}


{% macro default__load_cutoff_at() -%}
    {%- if var('load_cutoff_at', none) -%}
        cast({{ sql_string(var("load_cutoff_at")) }} as timestamp)
    {%- else -%}
        {%- set latest = platform_latest_partition() -%}
        {%- if latest -%}
            cast(date {{ sql_string(latest) }} + interval 1 day as timestamp)
        {%- else -%}
            cast(null as timestamp)
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}


{#- The cut-off of a row as SQL: its partition's end (dt + 1 day 00:00), else the snapshot cut-off (SQL). -#}
{% macro partition_cutoff_at(partition_date_column, snapshot_cutoff) -%}
    {{ return(adapter.dispatch('partition_cutoff_at')(partition_date_column, snapshot_cutoff)) }}
{%- endmacro %}


{% macro default__partition_cutoff_at(partition_date_column, snapshot_cutoff) -%}
    coalesce(cast({{ partition_date_column }} + interval 1 day as timestamp), {{ snapshot_cutoff }})
{%- endmacro %}
