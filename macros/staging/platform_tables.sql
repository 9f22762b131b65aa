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


{#-
    The current version of a key among a base model's GOOD rows (SPEC §11), as a QUALIFY condition: the row
    of the latest dt= partition wins; rows outside partitions (NULL) are older than every partition. A
    quarantined later version never supersedes a good earlier one (it is not among the good rows), and one
    partition holds at most one good row per key (a second copy is duplicate_key), so the order is total.
-#}
{% macro platform_current_version() -%}
    {{ return(adapter.dispatch('platform_current_version')()) }}
{%- endmacro %}


{% macro default__platform_current_version() -%}
    row_number() over (partition by row_key order by partition_date desc nulls last) = 1
{%- endmacro %}
