{#-
    Raw help requests typed and checked (SPEC §2, §9). order_id is nullable (pre-sale questions). The
    channel must be in the help_channels seed; a reason code outside help_reason_codes is NOT bad input
    (it is `unclassified` help, SPEC §2) and only raises a warning test.
-#}
{{ platform_checked(
    table_name='help_requests',
    key=['request_id'],
    required=['shop_id', 'channel', 'reason_code', 'created_at'],
    enums={'channel': 'ref:help_channels.channel'},
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
        {'column': 'order_id', 'parent': 'order', 'model': 'stg_platform__orders', 'parent_key': 'order_id', 'match_shop': true},
    ],
) }}
