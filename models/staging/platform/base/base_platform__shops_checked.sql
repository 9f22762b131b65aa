{#- Raw shops typed and checked (SPEC §2, §9). A shop needs its main category (peer groups, SPEC §3). -#}
{{ platform_checked(
    table_name='shops',
    renamed={'status': 'shop_status'},
    key=['shop_id'],
    required=['category_id', 'status'],
    enums={'status': ['active', 'closed']},
    parents=[
        {'column': 'category_id', 'parent': 'category', 'model': 'stg_platform__categories', 'parent_key': 'category_id'},
    ],
) }}
