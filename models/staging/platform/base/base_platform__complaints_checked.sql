{#- Raw complaints typed and checked (SPEC §2, §9); order_id is nullable. -#}
{{ platform_checked(
    table_name='complaints',
    renamed={'status': 'complaint_status'},
    key=['complaint_id'],
    required=['shop_id', 'status', 'created_at'],
    enums={
        'status': ['pending', 'established', 'not_established', 'merchant_resolved'],
    },
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
    timestamp_order=[
        ['decided_at', 'created_at'],
    ],
) }}
