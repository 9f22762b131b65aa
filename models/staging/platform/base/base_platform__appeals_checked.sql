{#- Raw appeals typed and checked (SPEC §2, §9); intervention_id is nullable. -#}
{{ platform_checked(
    table_name='appeals',
    renamed={'outcome': 'appeal_outcome'},
    key=['appeal_id'],
    required=['order_id', 'shop_id', 'appeal_type', 'outcome', 'submitted_at'],
    enums={
        'appeal_type': ['responsibility', 'goods_payment', 'freight', 'other'],
        'outcome': ['pending', 'approved', 'rejected'],
    },
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
        {'column': 'intervention_id', 'parent': 'intervention', 'model': 'stg_platform__interventions', 'parent_key': 'intervention_id'},
    ],
    timestamp_order=[
        ['decided_at', 'submitted_at'],
    ],
) }}
