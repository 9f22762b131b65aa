{#- The raw tables of SPEC §2, one source and one staging model each, in dependency order. -#}
{% macro platform_tables() -%}
    {{ return([
        'categories',
        'shops',
        'orders',
        'shipments',
        'help_requests',
        'chat_messages',
        'after_sales',
        'interventions',
        'appeals',
        'complaints',
        'tickets',
        'reviews',
        'malicious_buyers',
        'program_enrollments',
    ]) }}
{%- endmacro %}


{#- {column: contract type} of a raw table, in the order of source platform's YAML (the staging column
    order): the raw contract of SPEC §2, written once there (name and data_type of each column) and read
    by platform_checked and check_raw_files. Empty while dbt parses (graph not built yet). -#}
{% macro raw_contract_columns(table_name) -%}
    {%- set contract = {} -%}
    {%- if execute -%}
        {%- for column in graph.sources['source.shopscore.platform.' ~ table_name].columns.values() -%}
            {%- do contract.update({column.name | lower: column.data_type | upper}) -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(contract) }}
{%- endmacro %}


{#- The run's start time in local platform time (Asia/Shanghai, SPEC §2), as a SQL timestamp literal. -#}
{% macro platform_run_started_at() -%}
    cast('{{ run_started_at.astimezone(modules.pytz.timezone(platform_time_zone())).strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
{%- endmacro %}


{#- The platform's local time zone (SPEC §2: raw timestamps are naive Asia/Shanghai time). -#}
{% macro platform_time_zone() -%}
    {{ return('Asia/Shanghai') }}
{%- endmacro %}
