{#- Raw after-sales typed and checked (SPEC §2, §9). -#}
{{ platform_checked(
    table_name='after_sales',
    renamed={'type': 'after_sale_type', 'status': 'after_sale_status'},
    key=['after_sale_id'],
    required=['order_id', 'shop_id', 'type', 'status', 'applied_at'],
    enums={
        'type': ['refund_only', 'return_refund', 'exchange'],
        'status': ['open', 'completed', 'rejected', 'cancelled'],
    },
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
    timestamp_order=[
        ['completed_at', 'applied_at'],
        ['merchant_approved_at', 'applied_at'],
        ['refund_approved_at', 'return_signed_at'],
    ],
    non_negative=['refund_amount'],
) }}
