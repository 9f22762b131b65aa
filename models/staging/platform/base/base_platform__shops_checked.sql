{#- Raw shops typed and checked (SPEC §2, §9). A shop needs its main category (peer groups, SPEC §3). -#}
{{ platform_checked(
    table_name='shops',
    columns=[
        ['shop_id', 'shop_id', 'varchar'],
        ['shop_name', 'shop_name', 'varchar'],
        ['category_id', 'category_id', 'varchar'],
        ['status', 'shop_status', 'varchar'],
        ['opened_date', 'opened_date', 'date'],
    ],
    key=['shop_id'],
    required=['category_id', 'status'],
    enums={'status': ['active', 'closed']},
    parents=[
        {'column': 'category_id', 'parent': 'category', 'model': 'stg_platform__categories', 'parent_key': 'category_id'},
    ],
) }}
