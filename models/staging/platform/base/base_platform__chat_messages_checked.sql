{#- Raw chat messages typed and checked (SPEC §2, §9); reply rules need the conversation, buyer and role. -#}
{{ platform_checked(
    table_name='chat_messages',
    key=['message_id'],
    required=['conversation_id', 'shop_id', 'buyer_id', 'sender_role', 'sent_at'],
    enums={'sender_role': ['buyer', 'agent', 'bot']},
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
    ],
) }}
