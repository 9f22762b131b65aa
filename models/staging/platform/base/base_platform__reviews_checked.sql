{#- Raw reviews typed and checked (SPEC §2, §9); service and logistics ratings are nullable. -#}
{{ platform_checked(
    table_name='reviews',
    columns=[
        ['review_id', 'review_id', 'varchar'],
        ['order_id', 'order_id', 'varchar'],
        ['shop_id', 'shop_id', 'varchar'],
        ['buyer_id', 'buyer_id', 'varchar'],
        ['is_first_review', 'is_first_review', 'boolean'],
        ['product_rating', 'product_rating', 'integer'],
        ['service_rating', 'service_rating', 'integer'],
        ['logistics_rating', 'logistics_rating', 'integer'],
        ['created_at', 'created_at', 'timestamp'],
    ],
    key=['review_id'],
    required=['order_id', 'shop_id', 'is_first_review', 'product_rating', 'created_at'],
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
    ratings=['product_rating', 'service_rating', 'logistics_rating'],
) }}
