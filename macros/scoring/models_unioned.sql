{#-
    The union of several models' rows (DESIGN: the shared unions and each scheme's metric union), each
    model's columns selected by name: with column_types (name -> SQL type) each column is cast to its
    type, so every part of the union has the same types whatever its model emits; without, the
    models' rows are taken as they are (they are already cast unions of the same columns).
-#}
{% macro models_unioned(model_names, column_types=none) -%}
    {{ return(adapter.dispatch('models_unioned')(model_names, column_types)) }}
{%- endmacro %}

{% macro default__models_unioned(model_names, column_types=none) -%}
    with

    final as (

        {% for model_name in model_names %}
        {% if column_types is none %}
        select * from {{ ref(model_name) }}
        {% else %}
        select
            {% for column, column_type in column_types.items() %}
            cast({{ column }} as {{ column_type }}) as {{ column }},
            {% endfor %}
        from {{ ref(model_name) }}
        {% endif %}
        {% if not loop.last %}
        union all
        {% endif %}
        {% endfor %}

    )

    select * from final
{%- endmacro %}
