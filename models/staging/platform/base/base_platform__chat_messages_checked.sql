{#- Raw chat messages typed and checked (SPEC §2, §9); reply rules need the conversation, buyer and role. -#}
{{ platform_checked(
    table_name='chat_messages',
    columns=[
        ['message_id', 'message_id', 'varchar'],
        ['conversation_id', 'conversation_id', 'varchar'],
        ['shop_id', 'shop_id', 'varchar'],
        ['buyer_id', 'buyer_id', 'varchar'],
        ['agent_id', 'agent_id', 'varchar'],
        ['sender_role', 'sender_role', 'varchar'],
        ['sent_at', 'sent_at', 'timestamp'],
    ],
    key=['message_id'],
    required=['conversation_id', 'shop_id', 'buyer_id', 'sender_role', 'sent_at'],
    enums={'sender_role': ['buyer', 'agent', 'bot']},
    parents=[
        {'column': 'shop_id', 'parent': 'shop', 'model': 'stg_platform__shops', 'parent_key': 'shop_id'},
    ],
) }}
