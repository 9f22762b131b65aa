{#- Raw categories typed and checked (SPEC §2, §9); a category is good only if its whole parent chain is. -#}
{{ platform_checked(
    table_name='categories',
    columns=[
        ['category_id', 'category_id', 'varchar'],
        ['category_name', 'category_name', 'varchar'],
        ['parent_category_id', 'parent_category_id', 'varchar'],
    ],
    key=['category_id'],
    self_parent={'column': 'parent_category_id', 'parent': 'category'},
) }}
