{#-
    Every pdd metric model's rows in one relation (DESIGN: adding a metric model): a new pdd metric
    model is added to this list, and only here; int_metric_values_unioned finds this union by its name
    (macro metric_models_unioned makes it a view).
-#}
{{ metric_models_unioned([
    'int_pdd__help_rates_computed',
    'int_pdd__reply_3min_rates_computed',
    'int_pdd__dispute_refund_rates_computed',
    'int_pdd__ticket_completion_rates_computed',
]) }}
