{#-
    on-run-start: stop before any model runs when an ACTIVE shop that has orders names a main category
    that no raw categories file holds (issue #13; docs/DESIGN.md "Checks before any model"). Quarantining
    such a shop (unknown_category:category_id) would remove it and every row that depends on it from every
    mart and re-rank its peers; SPEC §3 gives no peer group outside the category tree. A shop without
    orders, or a closed one, is still quarantined row by row. Checked when shops, categories and orders
    are all selected. One SQL for both engines (issue #12): the raw tables through raw_table_rows.
-#}
{% macro check_shop_categories() -%}
    {{ return(adapter.dispatch('check_shop_categories')()) }}
{%- endmacro %}


{% macro default__check_shop_categories() -%}
    {%- set patterns = raw_table_patterns() -%}
    {%- if 'shops' in patterns and 'categories' in patterns and 'orders' in patterns -%}
        {%- set checking_sql -%}
            with

            shops as (
                select
                    cast(shop_id as varchar) as shop_id,
                    cast(category_id as varchar) as category_id,
                    cast(status as varchar) as shop_status
                from {{ raw_table_rows('shops') }} as raw_shops
            ),

            categories as (
                select distinct cast(category_id as varchar) as category_id
                from {{ raw_table_rows('categories') }} as raw_categories
                where category_id is not null
            ),

            orders as (
                select cast(shop_id as varchar) as shop_id, count(*) as order_count
                from {{ raw_table_rows('orders') }} as raw_orders
                group by cast(shop_id as varchar)
            )

            select shops.shop_id, shops.category_id, orders.order_count
            from shops
            inner join orders
                on orders.shop_id = shops.shop_id
            left join categories
                on categories.category_id = shops.category_id
            where shops.shop_status = 'active'
                and shops.category_id is not null
                and categories.category_id is null
            order by shops.shop_id
            limit 20
        {%- endset -%}
        {%- set problems = [] -%}
        {%- for row in run_query(engine_sql(checking_sql)).rows -%}
            {%- do problems.append('shop ' ~ row[0] ~ ' is active and has ' ~ row[2] ~ ' raw orders, but its main category '
                ~ row[1] ~ ' is in no file of ' ~ patterns['categories']) -%}
        {%- endfor -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(
                'Unknown main category of an active shop; nothing was built:\n  - ' ~ problems | join('\n  - ')
                ~ '\nQuarantining the shop would drop it and every row of it from the marts and re-rank its peers. '
                ~ 'Add the category to the categories export, or correct the shop\'s category_id, and rerun.'
            ) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
