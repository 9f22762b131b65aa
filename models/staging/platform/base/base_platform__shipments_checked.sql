{#- Raw shipments typed and checked (SPEC §2, §9); one shipment per order. -#}
{{ platform_checked(
    table_name='shipments',
    key=['order_id'],
    parents=[
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id'},
    ],
    timestamp_order=[
        ['signed_at', 'picked_up_at'],
        ['signed_at', 'shipped_at'],
        ['received_confirmed_at', 'signed_at'],
    ],
) }}
