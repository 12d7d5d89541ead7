// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/cmio for rivet's guest: the Cartesi machine's guest ABI for rollups (libcmt and the
 * other Cartesi guest tools use it), written for rivet from the ABI in docs/guest.md.
 *
 *  - one user at a time: a second open() fails with EBUSY;
 *  - ioctl(IOCTL_CMIO_SETUP) copies out {tx.data, tx.length, rx.data, rx.length}, the
 *    physical addresses and lengths in the device tree's /cmio/tx_buffer and /cmio/rx_buffer;
 *  - ioctl(IOCTL_CMIO_YIELD) takes a 64-bit HTIF request (dev << 56 | cmd << 48 |
 *    reason << 32 | data), makes the machine yield through SBI extension 9, and writes back
 *    the machine's reply (the fromhost word);
 *  - mmap() maps exactly one buffer, at the virtual address equal to its physical address
 *    and with its whole length; rx is read-only, as it is to the machine.
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/ioctl.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/types.h>
#include <linux/uaccess.h>
#include <asm/sbi.h>

struct cmio_buffer {
	__u64 data;
	__u64 length;
};

struct cmio_setup {
	struct cmio_buffer tx, rx;
};

#define IOCTL_CMIO_SETUP _IOR(0xd3, 0, struct cmio_setup)
#define IOCTL_CMIO_YIELD _IOWR(0xd3, 1, __u64)

/* Cartesi's yield call: extension 9, function 0, a0 = request. rivet's firmware returns the
 * reply in a0 and a1 alike; Cartesi's firmware in a1, which is what is read here. */
#define SBI_EXT_CARTESI_YIELD 9

struct cmio_device {
	struct miscdevice misc;
	struct cmio_setup bufs;
	atomic_t in_use;
};

static struct cmio_device *cmio_from_file(struct file *file)
{
	return container_of(file->private_data, struct cmio_device, misc);
}

static int cmio_open(struct inode *inode, struct file *file)
{
	struct cmio_device *cmio = cmio_from_file(file);

	if (atomic_cmpxchg(&cmio->in_use, 0, 1) != 0)
		return -EBUSY;
	return 0;
}

static int cmio_release(struct inode *inode, struct file *file)
{
	atomic_set(&cmio_from_file(file)->in_use, 0);
	return 0;
}

static long cmio_yield(unsigned long arg)
{
	__u64 request, reply;
	struct sbiret ret;

	if (copy_from_user(&request, (void __user *)arg, sizeof(request)))
		return -EFAULT;
	ret = sbi_ecall(SBI_EXT_CARTESI_YIELD, 0, request, 0, 0, 0, 0, 0);
	reply = ret.value;
	if (copy_to_user((void __user *)arg, &reply, sizeof(reply)))
		return -EFAULT;
	return 0;
}

static long cmio_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cmio_device *cmio = cmio_from_file(file);

	switch (cmd) {
	case IOCTL_CMIO_SETUP:
		if (copy_to_user((void __user *)arg, &cmio->bufs, sizeof(cmio->bufs)))
			return -EFAULT;
		return 0;
	case IOCTL_CMIO_YIELD:
		return cmio_yield(arg);
	}
	return -ENOTTY;
}

static int cmio_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct cmio_device *cmio = cmio_from_file(file);
	unsigned long start = vma->vm_start, len = vma->vm_end - vma->vm_start;
	bool is_tx = start == cmio->bufs.tx.data && len == cmio->bufs.tx.length;
	bool is_rx = start == cmio->bufs.rx.data && len == cmio->bufs.rx.length;

	if (vma->vm_pgoff != 0 || (!is_tx && !is_rx))
		return -EINVAL;
	if (is_rx) {
		if (vma->vm_flags & VM_WRITE)
			return -EPERM;
		vm_flags_clear(vma, VM_MAYWRITE);
	}
	return remap_pfn_range(vma, start, start >> PAGE_SHIFT, len, vma->vm_page_prot);
}

static const struct file_operations cmio_fops = {
	.owner = THIS_MODULE,
	.open = cmio_open,
	.release = cmio_release,
	.unlocked_ioctl = cmio_ioctl,
	.mmap = cmio_mmap,
};

/* Reads a buffer's <address size> pair (two cells each, as /cmio declares) from its node. */
static int cmio_read_buffer(struct device *dev, struct device_node *cmio_node, const char *name,
			    struct cmio_buffer *buf)
{
	struct device_node *node = of_get_child_by_name(cmio_node, name);
	u64 reg[2];
	int err;

	if (!node) {
		dev_err(dev, "device tree: /cmio/%s missing\n", name);
		return -ENODEV;
	}
	err = of_property_read_u64_array(node, "reg", reg, 2);
	of_node_put(node);
	if (err) {
		dev_err(dev, "device tree: /cmio/%s: bad reg (%d)\n", name, err);
		return err;
	}
	if (reg[0] == 0 || reg[1] == 0 || !PAGE_ALIGNED(reg[0]) || !PAGE_ALIGNED(reg[1])) {
		dev_err(dev, "device tree: /cmio/%s: reg <%#llx %#llx> not page-aligned and non-empty\n",
			name, reg[0], reg[1]);
		return -EINVAL;
	}
	buf->data = reg[0];
	buf->length = reg[1];
	return 0;
}

static int cmio_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *yield;
	struct cmio_device *cmio;
	bool yields;
	int err;

	cmio = devm_kzalloc(dev, sizeof(*cmio), GFP_KERNEL);
	if (!cmio)
		return -ENOMEM;
	err = cmio_read_buffer(dev, dev->of_node, "tx_buffer", &cmio->bufs.tx);
	if (err)
		return err;
	err = cmio_read_buffer(dev, dev->of_node, "rx_buffer", &cmio->bufs.rx);
	if (err)
		return err;
	/* Without both yield kinds the machine ignores yields; tools take a missing
	 * /dev/cmio to mean "not a rollup machine", so do not create it then. */
	yield = of_find_node_by_path("/yield");
	yields = yield && of_property_read_bool(yield, "manual") &&
		 of_property_read_bool(yield, "automatic");
	of_node_put(yield);
	if (!yields) {
		dev_info(dev, "device tree: /yield lacks manual or automatic; no /dev/cmio\n");
		return -ENODEV;
	}
	atomic_set(&cmio->in_use, 0);
	cmio->misc.minor = MISC_DYNAMIC_MINOR;
	cmio->misc.name = "cmio";
	cmio->misc.fops = &cmio_fops;
	err = misc_register(&cmio->misc);
	if (err)
		return err;
	platform_set_drvdata(pdev, cmio);
	return 0;
}

static void cmio_remove(struct platform_device *pdev)
{
	struct cmio_device *cmio = platform_get_drvdata(pdev);

	misc_deregister(&cmio->misc);
}

static const struct of_device_id cmio_of_match[] = {
	{ .compatible = "ctsi-cmio" },
	{}
};

static struct platform_driver cmio_driver = {
	.driver = {
		.name = "cmio",
		.of_match_table = cmio_of_match,
	},
	.probe = cmio_probe,
	.remove = cmio_remove,
};
builtin_platform_driver(cmio_driver);
