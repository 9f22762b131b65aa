{#- Raw service tickets typed and checked (SPEC §2, §9); order_id is nullable. -#}
{{ platform_checked(
    table_name='tickets',
    columns=[
        ['ticket_id', 'ticket_id', 'varchar'],
        ['shop_id', 'shop_id', 'varchar'],
        ['order_id', 'order_id', 'varchar'],
        ['created_at', 'created_at', 'timestamp'],
        ['due_at', 'due_at', 'timestamp', 'deadline'],
        ['completed_at', 'completed_at', 'timestamp'],
    ],
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
