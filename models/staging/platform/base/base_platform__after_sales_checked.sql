{#- Raw after-sales typed and checked (SPEC §2, §9). -#}
{{ platform_checked(
    table_name='after_sales',
    columns=[
        ['after_sale_id', 'after_sale_id', 'varchar'],
        ['order_id', 'order_id', 'varchar'],
        ['shop_id', 'shop_id', 'varchar'],
        ['type', 'after_sale_type', 'varchar'],
        ['reason_code', 'reason_code', 'varchar'],
        ['status', 'after_sale_status', 'varchar'],
        ['refund_amount', 'refund_amount', 'decimal(12,2)'],
        ['applied_at', 'applied_at', 'timestamp'],
        ['merchant_approved_at', 'merchant_approved_at', 'timestamp'],
        ['return_signed_at', 'return_signed_at', 'timestamp'],
        ['refund_approved_at', 'refund_approved_at', 'timestamp'],
        ['completed_at', 'completed_at', 'timestamp'],
    ],
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
