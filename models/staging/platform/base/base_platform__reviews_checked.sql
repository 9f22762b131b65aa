{#- Raw reviews typed and checked (SPEC §2, §9); service and logistics ratings are nullable. -#}
{{ platform_checked(
    table_name='reviews',
    key=['review_id'],
    required=['order_id', 'shop_id', 'is_first_review', 'product_rating', 'created_at'],
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
    ratings=['product_rating', 'service_rating', 'logistics_rating'],
) }}
