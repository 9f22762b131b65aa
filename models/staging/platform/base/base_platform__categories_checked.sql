{#- Raw categories typed and checked (SPEC §2, §9); a category is good only if its whole parent chain is. -#}
{{ platform_checked(
    table_name='categories',
    key=['category_id'],
    self_parent={'column': 'parent_category_id', 'parent': 'category'},
) }}
