{#- Raw programme enrolments typed and checked (SPEC §2, §4, §9); key = (shop_id, program, enrolled_at). -#}
{{ platform_checked(
    table_name='program_enrollments',
    key=['shop_id', 'program', 'enrolled_at'],
    enums={'program': ['billion_subsidy', 'bargain', 'checkin']},
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
    ],
    timestamp_order=[
        ['exited_at', 'enrolled_at'],
    ],
) }}
