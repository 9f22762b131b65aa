{#-
    Every scheme's volume rows in one relation (DESIGN: int_<scheme>__shop_volumes_counted, one row
    per score date and listed shop), for the schemes chosen by var `schemes`. A scheme's volume model
    is found by that name (macro scheme_models), so adding a scheme needs no entry here.
-#}
{{ config(materialized="view") }}

{{ models_unioned(
    scheme_models('shop_volumes_counted'),
    {'score_date': 'date', 'scheme': 'varchar', 'shop_id': 'varchar', 'volume': 'bigint'},
) }}
