{#- Raw orders typed and checked (SPEC §2, §9). -#}
{{ platform_checked(
    table_name='orders',
    columns=[
        ['order_id', 'order_id', 'varchar'],
        ['shop_id', 'shop_id', 'varchar'],
        ['buyer_id', 'buyer_id', 'varchar'],
        ['amount', 'amount', 'decimal(12,2)'],
        ['is_presale', 'is_presale', 'boolean'],
        ['requires_shipping', 'is_shipping_required', 'boolean'],
        ['created_at', 'created_at', 'timestamp'],
        ['paid_at', 'paid_at', 'timestamp'],
        ['grouped_at', 'grouped_at', 'timestamp'],
        ['cancelled_at', 'cancelled_at', 'timestamp'],
    ],
    key=['order_id'],
    required=['shop_id', 'created_at'],
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
    ],
    timestamp_order=[
        ['paid_at', 'created_at'],
        ['grouped_at', 'paid_at'],
        ['cancelled_at', 'created_at'],
    ],
    non_negative=['amount'],
) }}
