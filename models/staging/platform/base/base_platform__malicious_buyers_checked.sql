{#- Raw malicious-buyer list typed and checked (SPEC §2, §3, §9); flagged_at decides from which date it applies. -#}
{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['source_file', 'source_row_number'],
    pre_hook="{{ platform_checked_pre_hook('malicious_buyers') }}",
) }}
{{ platform_checked(
    table_name='malicious_buyers',
    columns=[
        ['buyer_id', 'buyer_id', 'varchar'],
        ['reason', 'flag_reason', 'varchar'],
        ['flagged_at', 'flagged_at', 'timestamp'],
    ],
    key=['buyer_id'],
    required=['flagged_at'],
) }}
