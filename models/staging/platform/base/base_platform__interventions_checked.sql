{#- Raw platform interventions typed and checked (SPEC §2, §9); after_sale_id is nullable. -#}
{{ platform_checked(
    table_name='interventions',
    renamed={'round': 'intervention_round', 'refund_succeeded': 'is_refund_succeeded'},
    key=['intervention_id'],
    required=['order_id', 'shop_id', 'opened_at'],
    enums={
        'responsible_party': ['merchant', 'buyer', 'logistics', 'platform', 'none'],
        'round': [1, 2],
    },
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
        {'column': 'after_sale_id', 'parent': 'after_sale', 'model': 'stg_platform__after_sales', 'parent_key': 'after_sale_id'},
    ],
    timestamp_order=[
        ['decided_at', 'opened_at'],
    ],
) }}
