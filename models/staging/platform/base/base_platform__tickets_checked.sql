{#- Raw service tickets typed and checked (SPEC §2, §9); order_id is nullable. -#}
{{ platform_checked(
    table_name='tickets',
    deadlines=['due_at'],
    key=['ticket_id'],
    required=['shop_id', 'created_at', 'due_at'],
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
    timestamp_order=[
        ['due_at', 'created_at'],
        ['completed_at', 'created_at'],
    ],
) }}
