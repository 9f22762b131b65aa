{#- Raw malicious-buyer list typed and checked (SPEC §2, §3, §9); flagged_at decides from which date it applies. -#}
{{ platform_checked(
    table_name='malicious_buyers',
    renamed={'reason': 'flag_reason'},
    key=['buyer_id'],
    required=['flagged_at'],
) }}
