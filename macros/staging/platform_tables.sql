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


{#- The run's start time in local platform time (Asia/Shanghai, SPEC §2), as a SQL timestamp literal. -#}
{% macro platform_run_started_at() -%}
    cast('{{ run_started_at.astimezone(modules.pytz.timezone(platform_time_zone())).strftime("%Y-%m-%d %H:%M:%S") }}' as timestamp)
{%- endmacro %}


{#- The platform's local time zone (SPEC §2: raw timestamps are naive Asia/Shanghai time). -#}
{% macro platform_time_zone() -%}
    {{ return('Asia/Shanghai') }}
{%- endmacro %}
