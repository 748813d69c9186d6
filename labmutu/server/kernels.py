"""The kernel manager of ``labmutu serve``: Jupyter's, with Lab Mutu's error handling loaded.

Culling of idle kernels is the parent class's (``cull_idle_timeout`` and friends, set in
:func:`labmutu.server.app.voila_config`); Voilà wraps this class with its own page logic.
"""

from __future__ import annotations

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

KERNEL_ARGS = ["--IPKernelApp.extensions=labmutu.server.kernel_errors"]


class LabMutuKernelManager(AsyncMappingKernelManager):
    """Starts every kernel with :mod:`labmutu.server.kernel_errors` loaded."""

    async def start_kernel(self, *args, **kwargs) -> str:
        kwargs["extra_arguments"] = [*kwargs.get("extra_arguments", []), *KERNEL_ARGS]
        return await super().start_kernel(*args, **kwargs)
