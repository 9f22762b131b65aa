{#- Raw orders typed and checked (SPEC §2, §9). -#}
{{ platform_checked(
    table_name='orders',
    renamed={'requires_shipping': 'is_shipping_required'},
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
