"""Client of spectralflow's training monitor (DESIGN §6.2).

``Publisher`` sends a layer's recurrent weights (and optionally state Jacobians) to ``sf.weights``;
``watch`` hooks every ``nn.RNN``, ``nn.LSTM`` and ``nn.GRU`` inside a PyTorch module; ``follow``
reads the monitor's ``sf.health`` or ``sf.alerts`` back as dicts. Pure Python over
``confluent_kafka`` and ``numpy``; ``torch`` is imported only by ``watch`` and ``state_jacobians``.
"""
from ._records import CELLS, DeliveryError, encode_weights, layer_key
from ._publisher import Publisher
from ._follow import follow
from ._torch import Hook, recurrent_layers, state_jacobians, watch

__all__ = ["Publisher", "watch", "follow", "Hook", "DeliveryError", "state_jacobians", "recurrent_layers",
           "encode_weights", "layer_key", "CELLS"]
__version__ = "0.2.0"
