{#- Raw malicious-buyer list typed and checked (SPEC §2, §3, §9); flagged_at decides from which date it applies. -#}
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
